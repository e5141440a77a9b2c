"""ICB Involvement Atlas: patient and public involvement in NHS England's Integrated Care Boards."""

__version__ = "0.1.0"
