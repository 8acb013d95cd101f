import matplotlib

matplotlib.use("Agg")

from lstm_course import plot_history, use_course_style

import matplotlib.pyplot as plt


def test_plots_each_metric_with_its_validation_twin():
    fig = plot_history({"loss": [3, 2, 1], "val_loss": [4, 3, 2], "mae": [1, 0.5, 0.2]})
    axes = fig.axes
    assert [ax.get_ylabel() for ax in axes] == ["loss", "mae"]
    assert len(axes[0].lines) == 2 and len(axes[1].lines) == 1
    assert list(axes[0].lines[1].get_ydata()) == [4, 3, 2]
    plt.close(fig)


def test_accepts_a_keras_history_and_log_scale():
    class FakeHistory:
        history = {"loss": [1.0, 0.1]}

    fig = plot_history(FakeHistory(), logy=True, title="t")
    assert fig.axes[0].get_yscale() == "log" and fig.axes[0].get_title() == "t"
    plt.close(fig)


def test_course_style_keeps_figures_small():
    """plot_history sets its own figsize: measure the figure it returns, not the default."""
    use_course_style()
    for n_keys in (1, 2, 3):
        logs = {f"m{k}": [1.0, 0.5] for k in range(n_keys)}
        fig = plot_history(logs)
        width, height = fig.get_size_inches()
        pixels = width * height * fig.dpi**2
        assert pixels < 200_000 * n_keys, (n_keys, width, height, fig.dpi)
        plt.close(fig)
    width, height = matplotlib.rcParams["figure.figsize"]
    assert width * height * matplotlib.rcParams["figure.dpi"] ** 2 < 200_000


def test_draws_into_given_axes():
    fig, ax = plt.subplots()
    out = plot_history({"loss": [3, 2], "val_loss": [4, 3], "mae": [1, 0.5]}, ax=ax)
    assert out is fig and len(fig.axes) == 1
    assert ax.get_ylabel() == "loss" and len(ax.lines) == 2  # only the first key
    plt.close(fig)


def test_course_palette_is_matplotlibs_petroff10_with_a_line_style_per_series():
    from lstm_course.notebook.plotting import COURSE_STYLE, LINE_STYLES, PETROFF10

    shipped = plt.style.library.get("petroff10")
    if shipped is not None:  # matplotlib >= 3.10
        assert list(PETROFF10) == shipped["axes.prop_cycle"].by_key()["color"]
    cycle = COURSE_STYLE["axes.prop_cycle"].by_key()
    assert cycle["color"] == list(PETROFF10)
    assert len(set(map(str, LINE_STYLES))) == len(LINE_STYLES) == len(PETROFF10)
    use_course_style()
    fig, ax = plt.subplots()
    lines = [ax.plot([0, 1], [i, i])[0] for i in range(3)]
    assert [line.get_color() for line in lines] == list(PETROFF10[:3])
    assert [line.get_linestyle() for line in lines] == ["-", "--", ":"]
    plt.close(fig)
