"""SOAP Coach: coaching for the NRMP Supplemental Offer and Acceptance Program."""

from importlib.metadata import PackageNotFoundError, version

try:
    #: The installed version (pyproject.toml's ``version``; CHANGELOG.md says what changed).
    __version__ = version("soap-coach")
except PackageNotFoundError:  # run from a source tree that was never installed
    __version__ = "0+unknown"
