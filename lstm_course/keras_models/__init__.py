"""Models built with Keras: the attention encoder-decoder (07), the minGRU layer (10) and
notebook 09's LSTM variants trained side by side in one model. ``minimal_rnns`` and
``variant_cell`` import Keras when imported; the others import it when they build a model.
"""
