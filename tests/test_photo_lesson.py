"""The sentence under a photo's answers says what the two scores support, and calls two models
"the same network" only when they are."""

from types import SimpleNamespace

from components.photo_lesson import verdict


def model(architecture: str):
    return SimpleNamespace(architecture=architecture)


def test_a_clear_gain_of_the_same_network_is_put_down_to_the_data():
    said = verdict((model("cnn_deep"), 0.50), (model("cnn_deep"), 0.84))
    assert said.startswith("The same network, other data: studio shots alone get 50%")
    assert "84%" in said


def test_two_networks_are_not_called_the_same():
    said = verdict((model("cnn"), 0.45), (model("cnn_deep"), 0.84))
    assert said.startswith("Other data:") and "same network" not in said


def test_no_clear_gain_is_said_as_such():
    said = verdict((model("cnn_deep"), 0.60), (model("cnn_deep"), 0.62))
    assert "not enough to say they helped" in said
