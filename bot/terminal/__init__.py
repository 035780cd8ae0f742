"""The terminal front end: the ``soapbot`` command line and the ``soapbot chat`` console.

One module per feature area, mirroring ``bot/cogs/`` (ask, critique, interview, companion,
privacy); each registers its console ``/commands`` (``register_console``) and its one-shot
commands (``register_cli``). ``common`` holds what they share; ``repl`` is the console loop and
``cli`` the typer application. Nothing in ``bot.core`` imports this package.
"""
