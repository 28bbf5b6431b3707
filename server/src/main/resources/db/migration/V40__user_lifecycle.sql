-- A deactivated user cannot sign in, is seen by nobody (404), and keeps his history.
ALTER TABLE users ADD COLUMN active boolean NOT NULL DEFAULT true;
