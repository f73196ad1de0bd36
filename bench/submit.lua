-- wrk script for bench/submission_surge.sh: every request is a complete, *unique* report.
--
-- Identical content is de-duplicated on purpose by the app (a double click stores one report), so the text
-- carries the thread number and a per-thread counter. The CSRF cookie/token, the signed "started" stamp and
-- the gazetteer id are fetched once by the shell script and passed in through the environment.
-- With BENCH_PHOTO set to a JPEG path, the body is multipart/form-data with that file as `photos`.
--
-- Each thread counts 302 (saved) and everything else; done() prints one machine-readable line:
--   RESULT sent=<n> s302=<n> other=<n> <status>=<n>... errors_connect=.. errors_read=.. errors_write=.. errors_timeout=..

local threads = {}

function setup(thread)
  thread:set("tid", #threads + 1)
  table.insert(threads, thread)
end

local function urlencode(s)
  return (s:gsub("[^%w%-%._~]", function(c) return string.format("%%%02X", string.byte(c)) end))
end

local fields, cookie, origin, photo, boundary

function init(args)
  counter, sent, s302, other = 0, 0, 0, 0
  statuses = {}
  cookie = "csrftoken=" .. os.getenv("BENCH_CSRF_COOKIE")
  origin = os.getenv("BENCH_ORIGIN")
  fields = {
    csrfmiddlewaretoken = os.getenv("BENCH_CSRF_TOKEN"),
    started = os.getenv("BENCH_STARTED"),
    confirmed_place = os.getenv("BENCH_PLACE_ID"),
    held_on = "2023-01-20",
    city = os.getenv("BENCH_CITY") or "Berlin",
    action_type = "picket",
  }
  local path = os.getenv("BENCH_PHOTO")
  if path and path ~= "" then
    local f = assert(io.open(path, "rb"))
    photo = f:read("*a")
    f:close()
    boundary = "----solidaritybench" .. tostring(tid)
  end
end

local function text()
  counter = counter + 1
  return string.format("Benchmark picket %d-%d-%d: banners at the embassy, leaflets handed out.",
                       tid, counter, os.time())
end

local function urlencoded_body()
  local parts = {}
  for k, v in pairs(fields) do parts[#parts + 1] = k .. "=" .. urlencode(v) end
  parts[#parts + 1] = "public_text=" .. urlencode(text())
  return table.concat(parts, "&"), "application/x-www-form-urlencoded"
end

local function multipart_body()
  local parts = {}
  local function add(name, value)
    parts[#parts + 1] = "--" .. boundary .. "\r\nContent-Disposition: form-data; name=\"" .. name .. "\"\r\n\r\n"
                        .. value .. "\r\n"
  end
  for k, v in pairs(fields) do add(k, v) end
  add("public_text", text())
  parts[#parts + 1] = "--" .. boundary .. "\r\nContent-Disposition: form-data; name=\"photos\"; filename=\"action.jpg\"\r\n"
                      .. "Content-Type: image/jpeg\r\n\r\n" .. photo .. "\r\n--" .. boundary .. "--\r\n"
  return table.concat(parts), "multipart/form-data; boundary=" .. boundary
end

function request()
  local body, ctype
  if photo then body, ctype = multipart_body() else body, ctype = urlencoded_body() end
  sent = sent + 1
  return wrk.format("POST", wrk.path, {
    ["Content-Type"] = ctype, ["Cookie"] = cookie, ["Origin"] = origin,
  }, body)
end

function response(status, headers, body)
  if status == 302 then s302 = s302 + 1 else other = other + 1 end
  statuses[status] = (statuses[status] or 0) + 1
end

function done(summary, latency, requests)
  local t_sent, t302, tother, by = 0, 0, 0, {}
  for _, thread in ipairs(threads) do
    t_sent = t_sent + thread:get("sent")
    t302 = t302 + thread:get("s302")
    tother = tother + thread:get("other")
    for code, n in pairs(thread:get("statuses")) do by[code] = (by[code] or 0) + n end
  end
  local line = string.format("RESULT sent=%d s302=%d other=%d", t_sent, t302, tother)
  for code, n in pairs(by) do line = line .. string.format(" http%d=%d", code, n) end
  local e = summary.errors
  line = line .. string.format(" errors_connect=%d errors_read=%d errors_write=%d errors_timeout=%d errors_status=%d",
                               e.connect, e.read, e.write, e.timeout, e.status)
  line = line .. string.format(" p50_ms=%.1f p99_ms=%.1f duration_s=%.2f",
                               latency:percentile(50) / 1000, latency:percentile(99) / 1000, summary.duration / 1e6)
  print(line)
end
