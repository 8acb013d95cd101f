"""The data the notebooks train on: synthetic tasks (01-05, 07, 09, 10), the Mauna Loa CO2
series (04), the arithmetic questions of the encoder-decoder (06) and the text corpus (08).
Shipped files are in ``files/`` (sources and licences in its README).
"""
