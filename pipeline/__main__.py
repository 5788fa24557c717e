"""``python -m pipeline`` is the same program as the ``medborgarlofte`` console script."""

from pipeline.cli import main

if __name__ == "__main__":
    main()
