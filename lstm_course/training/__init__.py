"""Training and evaluation tools shared by the models: gradient checking and clipping (02, 03,
08), the NumPy Adam optimiser (08), sampling (08) and beam search (07), and the forecasting
baselines (04).
"""
