-- wrk script for bench/signedin-load.sh: each request carries the next line of the file named by HEADERS
-- ("Cookie: ..." for a signed-in browser, "Authorization: Bearer ..." for an API token, or an empty line for an
-- anonymous reader), so the connections rotate through several readers. It asks for TARGET_PATH; the RESULT line
-- comes from bench/report.lua.
dofile(os.getenv("REPORT_LUA"))

local readers = {}
for line in io.lines(os.getenv("HEADERS")) do
  local name, value = line:match("^([^:]+):%s*(.*)$")
  if name then readers[#readers + 1] = { [name] = value } else readers[#readers + 1] = {} end
end
local path = os.getenv("TARGET_PATH")
local next_reader = 0

request = function()
  next_reader = next_reader % #readers + 1
  return wrk.format("GET", path, readers[next_reader])
end
