"""What is read before any page is converted: the annotation files, each discussion's front
matter and comment markup, and the sources a discussion quotes."""
