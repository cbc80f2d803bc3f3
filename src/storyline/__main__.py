"""``python -m storyline``: the command line."""

from .cli import main

if __name__ == "__main__":  # not again in a worker process started by spawning
    main()
