-- wrk script for bench/read_surge.sh: count how many responses came from the snapshot path (X-Snapshot: 1).
-- A response() callback makes wrk parse every response, so this runs separately from the timed runs.
local threads = {}

function setup(thread) table.insert(threads, thread) end

function init(args) hits, total = 0, 0 end

function response(status, headers, body)
  total = total + 1
  if headers["x-snapshot"] == "1" or headers["X-Snapshot"] == "1" then hits = hits + 1 end
end

function done(summary, latency, requests)
  local h, t = 0, 0
  for _, thread in ipairs(threads) do h = h + thread:get("hits"); t = t + thread:get("total") end
  print(string.format("SNAPSHOT hits=%d total=%d", h, t))
end
