"""The models the notebooks build from scratch, in NumPy: the RNN (01-02), the LSTM (03),
its variants and the GRU (09), the minimal RNNs, the parallel scan and the sLSTM (10),
attention (07), the character language model and its n-gram baselines (08).

None of these modules imports TensorFlow or Keras at import time.
"""
