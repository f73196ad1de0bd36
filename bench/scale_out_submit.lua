-- wrk script for bench/scale_out.sh: bench/submit.lua (a unique urlencoded report per request, RESULT line at
-- the end), with the action dated BENCH_HELD_ON (YYYY-MM-DD) instead of submit.lua's fixed 2023-01-20.
--
-- scale_out.sh reports into a campaign running today (RUNNING_CAMPAIGN of tests/system/cluster.py), which refuses
-- an action held long before it began. Both dates are 10 characters, so Content-Length stays right.
-- Text reports only (a multipart body is not rewritten).

dofile((os.getenv("BENCH_DIR") or "bench") .. "/submit.lua")

local held_on = os.getenv("BENCH_HELD_ON")
local submit_request = request

function request()
  local req = submit_request()
  if held_on and #held_on == 10 then
    req = req:gsub("held_on=2023%-01%-20", "held_on=" .. held_on, 1)
  end
  return req
end
