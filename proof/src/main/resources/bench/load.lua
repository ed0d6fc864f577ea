-- The bench's load generator script for wrk (one thread): sends a fixed number of requests, then stops.
--
--   wrk -t1 -cC -dMAXs -s load.lua URL -- MODE FILE_OR_COUNT TOKEN PRICE RATE
--
--   MODE put:  PUT /api/tickets/<id> once for each id of the file FILE (one id a line)
--   MODE post: POST /api/tickets COUNT times
--   TOKEN      the Bearer JWT of the tickets' owner
--   PRICE      the price sent in every body (each phase sends another price, so each PUT is a change)
--   RATE       0: closed loop (every connection sends again as soon as its answer arrives);
--              R > 0: open loop, request k is due at start + k / R seconds whatever the answers do
--
-- wrk runs for its -d duration unless told otherwise: when the last answer is in, the script stops its
-- thread and sends SIGINT to its own process, which ends the run at once. done() prints one line
--   bench-wrk: ok=N status_4xx=N status_5xx=N first_ms=T last_ms=T late=N max_late_ms=T quota=N socket_errors=N
-- (times on CLOCK_MONOTONIC; late = requests sent more than 10 ms after their due time).
local ffi = require("ffi")
ffi.cdef [[
  typedef struct { long tv_sec; long tv_nsec; } bench_timespec;
  int clock_gettime(int clk_id, bench_timespec *tp);
  int getpid(void);
  int kill(int pid, int sig);
]]
local ts = ffi.new("bench_timespec")
local function now_ms()
  ffi.C.clock_gettime(1, ts) -- CLOCK_MONOTONIC
  return tonumber(ts.tv_sec) * 1000 + tonumber(ts.tv_nsec) / 1e6
end

local threads = {}
function setup(thread)
  table.insert(threads, thread)
end

local requests = {}
local rate = 0
local slots, sent, answered = 0, 0, 0
local t0 = nil
quota, ok, status_4xx, status_5xx, late, max_late_ms, first_ms, last_ms = 0, 0, 0, 0, 0, 0, 0, 0

function init(args)
  local mode, source, token, price = args[1], args[2], args[3], args[4]
  rate = tonumber(args[5]) or 0
  local headers = {
    ["Content-Type"] = "application/json",
    ["Authorization"] = "Bearer " .. token,
  }
  local body = '{"title":"bench ticket","price":' .. price .. '}'
  if mode == "put" then
    for id in io.lines(source) do
      if id ~= "" then
        requests[#requests + 1] = wrk.format("PUT", "/api/tickets/" .. id, headers, body)
      end
    end
  else
    local post = wrk.format("POST", "/api/tickets", headers, body)
    for i = 1, tonumber(source) do requests[i] = post end
  end
  quota = #requests
end

-- Called before every request: 0 (closed loop), the time to the next due slot (open loop), or a long
-- park for a connection that has nothing left to send.
function delay()
  if slots >= quota then return 3600000 end
  slots = slots + 1
  if rate <= 0 then return 0 end
  local now = now_ms()
  if t0 == nil then t0 = now end
  local due = t0 + (slots - 1) * 1000 / rate
  if due <= now then return 0 end
  return math.floor(due - now)
end

function request()
  -- wrk calls request() once before the run to check the script; every real call follows a delay() slot
  if slots <= sent then return requests[1] end
  sent = sent + 1
  local now = now_ms()
  if sent == 1 then first_ms = now end
  if rate > 0 and t0 ~= nil then
    local lateness = now - (t0 + (sent - 1) * 1000 / rate)
    if lateness > 10 then late = late + 1 end
    if lateness > max_late_ms then max_late_ms = lateness end
  end
  return requests[sent]
end

function response(status, headers, body)
  answered = answered + 1
  if status >= 200 and status < 300 then
    ok = ok + 1
  elseif status < 500 then
    status_4xx = status_4xx + 1
  else
    status_5xx = status_5xx + 1
  end
  if answered >= quota then
    last_ms = now_ms()
    wrk.thread:stop()
    ffi.C.kill(ffi.C.getpid(), 2) -- SIGINT: wrk's main thread stops waiting for -d
  end
end

function done(summary, latency, requests)
  for _, t in ipairs(threads) do
    io.write(string.format(
      "bench-wrk: ok=%d status_4xx=%d status_5xx=%d first_ms=%.3f last_ms=%.3f late=%d max_late_ms=%.1f quota=%d "
        .. "socket_errors=%d\n",
      t:get("ok"), t:get("status_4xx"), t:get("status_5xx"), t:get("first_ms"), t:get("last_ms"), t:get("late"),
      t:get("max_late_ms"), t:get("quota"),
      summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout))
  end
end
