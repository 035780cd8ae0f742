"""``python -m bot``: the ``soapbot`` command line (see :mod:`bot.terminal.cli`)."""

from bot.terminal.cli import main

if __name__ == "__main__":
    main()
