"""Pure steps from raw article text to table rows.

``__version__`` is the pipeline version stamped on every row: a change makes published
documents eligible for reprocessing.
"""

__version__ = "0.1.0"
