"""The widget keys of the room page and the phones' join page, once (components/state.py says
where every session key is named). Those with ``{}`` are formatted: a widget per drawing or turn."""

BOARD = "room_board"  # which board the room page shows: the drawings or Guess 10
JOIN_START, JOIN_AGAIN = "room_join_start", "room_join_again"  # the join screen's Start; the board's way back
PRESENTER_KEY = "room_presenter_key"  # the sidebar's password box for the presenter key
EVERY_ROUND = "room_every_round"  # the switch that shows every round's score under the board
HIDE = "hide_{}"  # the presenter's Hide… under a drawing (its id): picks it, to confirm above
HIDE_PICKED, BLOCK, CANCEL_PICK = "room_hide_picked", "room_block", "room_cancel_pick"  # the pick's
PAUSE = "room_pause"  # the presenter's Pause: no new drawing reaches the board
REPLAY = "quiz_replay"  # the presenter's round to replay
ACTIVITY = "play_activity"  # the join page's Draw or Guess 10
# A turn's: the class to draw, the canvas (the turn, the Clear presses), Send, Draw another, Clear
DRAW_CLASS, DRAW_CANVAS, SEND, AGAIN = "play_asked_{}", "play_canvas_{}_{}", "play_send_{}", "play_again_{}"
CLEAR = "play_clear_{}"
# The turn's containers, named so that a phone held landscape lays them out side by side (play.py)
TURN, TURN_ASKED, TURN_CANVAS = "play_turn", "play_turn_asked", "play_turn_canvas"
TURN_BUTTONS, TURN_ANSWERS = "play_turn_buttons", "play_turn_answers"
# The join page's styles and scripts, in one block: Streamlit keys a block by its place among its
# siblings, so an element that comes and goes above the turn (the cookie's script, gone once a
# reconnected phone's cookie holds the id) moved the turn's block: the canvas was made anew, empty,
# while Send still had the strokes (a locked phone, a Wi-Fi blip)
HEAD = "play_head"
ROOM_HEAD = "room_head"  # the same on the room page: the presenter's cookie script, gone once
# a reconnected tab's cookie holds the token, moved the board (made anew: a flash on the projector)
OFFLINE = "play_offline"  # the notice shown while the phone has no connection (play.py's PHONE_PAGE)
QUIZ_ANSWER = "quiz_{}_{}_{}"  # a class's button in Guess 10: the round, the image, the class
QUIZ_BACK = "quiz_back_{}"  # Back, from the image shown
ROOM_LANGUAGE = "room_language"  # the presenter's choice of the phones' language (room_language.py)
