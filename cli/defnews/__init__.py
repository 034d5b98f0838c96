"""defnews: offline German→English translation and digests for defence news.

Importing the package does no work: heavy modules (ctranslate2, sentencepiece,
sumy, trafilatura, argostranslate) are imported inside the functions that use them.
"""

__version__ = "0.1.0"
