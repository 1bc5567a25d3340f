"""The room: the join page for phones and the presenter's board."""
