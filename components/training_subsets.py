"""The choices of training images offered by the Train page and the race."""

SUBSETS = {  # label -> training images (None: all 60,000)
    "all 60,000 images": None,
    "10,000 images (quick run)": 10_000,
    "3,000 images (demo in seconds)": 3_000,
}
