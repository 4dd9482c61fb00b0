"""Reading articles, Vietnamese normalisation, sentence splitting and chunking with exact offsets.

This package imports nothing else of ours.
"""
