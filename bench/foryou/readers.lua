-- wrk script for bench/foryou-load.sh: each request is signed in as the next of the readers whose session
-- cookies are listed one per line in the file named by READERS (so 16 connections rotate 16 profiles), and
-- asks for PATH. The RESULT line comes from bench/report.lua.
dofile(os.getenv("REPORT_LUA"))

local cookies = {}
for line in io.lines(os.getenv("READERS")) do
  if #line > 0 then cookies[#cookies + 1] = line end
end
local path = os.getenv("TARGET_PATH")
local next_reader = 0

request = function()
  next_reader = next_reader % #cookies + 1
  return wrk.format("GET", path, { ["Cookie"] = cookies[next_reader] })
end
