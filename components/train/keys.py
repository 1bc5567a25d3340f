"""The Train page's widget keys, once (components/state.py says where every session key is named)."""

ARCHITECTURE, EPOCHS, SUBSET = "train_architecture", "train_epochs", "train_subset"
BATCH_SIZE, LEARNING_RATE, COSINE = "train_batch_size", "train_learning_rate", "train_cosine"
AUGMENT, SEED = "train_augment", "train_seed"
EPOCH_TABLE = "train_epoch_table"  # the finished run's epochs (a container: the page has two tables)
START, STOP, LOSS_SMOOTHING = "train_start", "train_stop", "train_smoothing"  # the run panel's
PANEL = "live_panel"  # the live panel component (Streamlit marks its element .st-key-live_panel)
GOT_IT = "welcome_dismiss"  # the welcome's button
