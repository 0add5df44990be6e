"""Demo content for Newsroom: the writing and the pictures are original to this project."""
