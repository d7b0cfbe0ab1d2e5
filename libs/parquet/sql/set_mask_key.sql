-- name:       set_mask_key
-- grain:      none (session variable)
-- keys:       none
-- depends-on: none

-- The key's HMAC pads (maskKeyPads: [inner, outer]) arrive as bind
-- parameters and live only in this connection's session; they never appear in
-- SQL text, logs or query history.
set variable northstar_mask_key = [unhex(:inner_pad), unhex(:outer_pad)]
