"""An LSTM encoder-decoder with or without additive attention, in Keras. Taught in notebook 07.

:func:`build_encoder_decoder` returns three models that share their layers:

- ``train``: ``[source, decoder_input] -> next-token probabilities`` for teacher forcing
  (the decoder is fed the right answer, shifted by one: ``START a1 a2 …``);
- ``encoder``: ``source -> [encoder_states, h, c]``;
- ``step``: one decoder step, ``[token, h, c, encoder_states, source_mask] ->
  [probabilities, h, c, attention_weights]``, for decoding that feeds back the model's own
  tokens (:func:`decoder_for`, used with :func:`lstm_course.training.beam_search.beam_search`).

The encoder is a bidirectional LSTM that returns its states at every position; the
decoder's first state is the concatenation of its two final states. With ``attention=True``
the decoder attends over the encoder's states at every step: additive attention (Bahdanau
et al., 2015) with ``W_q``, ``W_k`` as bias-free ``Dense`` layers and ``v`` as the ``scale``
of ``keras.layers.AdditiveAttention``; the context is concatenated with the decoder's output
before the softmax layer. Without attention the decoder sees the source only through its
first state: the fixed-size bottleneck. Padded source positions (token ``pad``) are masked:
they get attention weight 0 and the encoder skips them.
"""

from lstm_course.arguments import as_bool, as_int, as_positive_int

from collections import namedtuple

import numpy as np

EncoderDecoder = namedtuple("EncoderDecoder", "train encoder step attention")


def build_encoder_decoder(vocab_size, units, attention, pad, embedding=16):
    """Build the three models (see the module's docstring). Needs Keras.

    Args:
        vocab_size: tokens in the vocabulary (source and target share it).
        units: LSTM units of each encoder direction; the decoder has twice as many.
        attention: whether the decoder attends over the encoder's states.
        pad: the padding token of the source (masked out).
        embedding: size of the token embeddings.
    """
    import keras
    from keras import layers, ops

    vocab_size, units = as_positive_int(vocab_size, "vocab_size"), as_positive_int(units, "units")
    attention, embedding = as_bool(attention, "attention"), as_positive_int(embedding, "embedding")
    pad = as_int(pad, "pad", minimum=0, maximum=vocab_size - 1)

    embed_source = layers.Embedding(vocab_size, embedding, name="source_embedding")
    embed_target = layers.Embedding(vocab_size, embedding, name="target_embedding")
    encoder_lstm = layers.Bidirectional(
        layers.LSTM(units, return_sequences=True, return_state=True), name="encoder"
    )
    decoder_lstm = layers.LSTM(2 * units, return_sequences=True, return_state=True, name="decoder")
    query_layer = layers.Dense(2 * units, use_bias=False, name="W_q")
    key_layer = layers.Dense(2 * units, use_bias=False, name="W_k")
    attend = layers.AdditiveAttention(use_scale=True, name="attention")  # scale = v
    output_layer = layers.Dense(vocab_size, activation="softmax", name="next_token")

    def encode(source):
        mask = ops.not_equal(source, pad)
        states, fh, fc, bh, bc = encoder_lstm(embed_source(source), mask=mask)
        return states, ops.concatenate([fh, bh], axis=-1), ops.concatenate([fc, bc], axis=-1), mask

    def decode(tokens, h, c, states, mask):
        outputs, h, c = decoder_lstm(embed_target(tokens), initial_state=[h, c])
        if not attention:
            return output_layer(outputs), h, c, None
        context, weights = attend(
            [query_layer(outputs), states, key_layer(states)],
            mask=[None, mask],
            return_attention_scores=True,
        )
        return output_layer(ops.concatenate([outputs, context], axis=-1)), h, c, weights

    source = keras.Input((None,), dtype="int32", name="source")
    target_in = keras.Input((None,), dtype="int32", name="decoder_input")
    states, h, c, mask = encode(source)
    probs, *_ = decode(target_in, h, c, states, mask)
    train = keras.Model([source, target_in], probs, name="teacher_forced")

    encoder = keras.Model(source, [states, h, c], name="encoder")

    token = keras.Input((1,), dtype="int32", name="token")
    h_in, c_in = keras.Input((2 * units,), name="h"), keras.Input((2 * units,), name="c")
    states_in = keras.Input((None, 2 * units), name="encoder_states")
    mask_in = keras.Input((None,), dtype="bool", name="source_mask")
    probs, h_out, c_out, weights = decode(token, h_in, c_in, states_in, mask_in)
    if weights is None:
        # All zero, computed from both the mask and the encoder states: without attention no
        # output needs the states, and Keras before 3.15 (Colab's 3.13) refuses a Model with
        # an input that no output depends on ("`inputs` not connected to `outputs`").
        weights = ops.zeros_like(ops.cast(mask_in, "float32") + states_in[..., 0])[:, None, :]
    step = keras.Model(
        [token, h_in, c_in, states_in, mask_in], [probs, h_out, c_out, weights], name="step"
    )
    return EncoderDecoder(train, encoder, step, attention)


def decoder_for(model: EncoderDecoder, source, pad, record=None):
    """Encode ``source`` once; return ``(step, state)`` for ``beam_search``.

    ``step(tokens, state) -> (log_probs, state)`` runs one decoder step; the state is
    ``[h, c]``, one row per partial answer. Beam search keeps ``width`` rows per source
    (rows ``i * width … i * width + width - 1`` belong to source ``i``), so the encoder's
    states and the padding mask are repeated to match, once per width, not per step.
    The answers are not an argument: the decoder can only read the tokens it is fed.
    If ``record`` is a list, every call appends ``(tokens fed, attention weights)`` to it.
    """
    if not isinstance(model, EncoderDecoder):
        raise TypeError(
            f"model must be what build_encoder_decoder returns, got {type(model).__name__}"
        )
    source = np.asarray(source)
    if source.ndim != 2 or not np.issubdtype(source.dtype, np.integer):
        raise ValueError(
            "source must be a 2-D array of token ids, "
            f"got shape {source.shape} and dtype {source.dtype}"
        )
    pad = as_int(pad, "pad", minimum=0)
    states, h, c = (np.asarray(x) for x in model.encoder(source.astype(np.int32), training=False))
    mask, n, repeated = source != pad, len(source), {}

    def step(tokens, state):
        rows = len(tokens)
        if rows not in repeated:  # one copy per beam width
            repeated.clear()
            repeated[rows] = [np.repeat(x, rows // n, axis=0) for x in (states, mask)]
        h, c = state
        # Called eagerly: a traced function per batch size would cost memory, not time here.
        probs, h, c, weights = model.step(
            [np.asarray(tokens, dtype=np.int32)[:, None], h, c, *repeated[rows]], training=False
        )
        if record is not None:
            record.append((np.array(tokens), np.asarray(weights)[:, 0]))
        log_probs = np.log(np.maximum(np.asarray(probs)[:, 0], 1e-30))
        return log_probs, [np.asarray(h), np.asarray(c)]

    return step, [h, c]
