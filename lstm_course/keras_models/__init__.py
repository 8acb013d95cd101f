"""Models built with Keras: the attention encoder-decoder (07), the minGRU layer (10) and
notebook 09's LSTM variants trained side by side in one model. Importing one imports Keras.
"""
