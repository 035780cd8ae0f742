"""SOAP Coach: coaching for the NRMP Supplemental Offer and Acceptance Program."""

__version__ = "0.1.0"
