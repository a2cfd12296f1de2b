"""`python -m sucesos` is the `sucesos` command."""

from sucesos.cli import main

main()
