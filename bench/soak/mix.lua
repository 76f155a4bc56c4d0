-- wrk script for bench/soak.sh: a mix of readers and writers through the proxy.
--   30% anonymous reads, 30% signed-in reads (day page, paper page, both APIs), 15% searches,
--   20% upvotes and 5% comments (personal API tokens).
-- Run it with one connection per thread (wrk -tN -cN): each thread then has one request in flight, so a response
-- belongs to the thread's last request, and every write the server acknowledged (2xx) is appended to the thread's
-- file in SOAK_ACKS ("vote USER PAPER", "comment MARKER") for the database check at the end. Responses >= 400 go
-- to SOAK_ACKS/errors-*.txt with the second they arrived. SOAK_DELAY_MS paces each connection (the rate).
-- Files: SOAK_USERS (name TAB token TAB cookie header), SOAK_PAPERS (ids to read and upvote), SOAK_COMMENT_PAPERS
-- (ids to comment on: papers the readers do not open, so their growing threads do not change what reads cost).
dofile(os.getenv("REPORT_LUA"))

local function lines(path)
  local found = {}
  for line in io.lines(path) do
    if #line > 0 then found[#found + 1] = line end
  end
  return found
end

local next_id = 0
function setup(thread)
  next_id = next_id + 1
  thread:set("id", next_id)
end

local users, papers, comment_papers, date, delay_ms, phase, acks, errors
local queries = { "language models", "image segmentation", "reinforcement learning", "graph neural networks",
  "black holes", "protein structure", "diffusion models", "speech recognition", "quantum error correction" }
local last
local sent = 0

function init(args)
  users = {}
  for _, line in ipairs(lines(os.getenv("SOAK_USERS"))) do
    local name, token, cookie = line:match("^([^\t]+)\t([^\t]+)\t(.*)$")
    users[#users + 1] = { name = name, token = token, cookie = cookie }
  end
  papers = lines(os.getenv("SOAK_PAPERS"))
  comment_papers = lines(os.getenv("SOAK_COMMENT_PAPERS"))
  date = os.getenv("SOAK_DATE")
  delay_ms = tonumber(os.getenv("SOAK_DELAY_MS") or "0")
  phase = os.getenv("SOAK_PHASE") or "run"
  local folder = os.getenv("SOAK_ACKS")
  acks = string.format("%s/acks-%s-%d.txt", folder, phase, id)
  errors = string.format("%s/errors-%s-%d.txt", folder, phase, id)
  math.randomseed(id * 7919 + os.time())
end

local function read(headers)
  local paper = papers[math.random(#papers)]
  local pick = math.random(4)
  if pick == 1 then return wrk.format("GET", "/papers/date/" .. date, headers) end
  if pick == 2 then return wrk.format("GET", "/papers/" .. paper, headers) end
  if pick == 3 then return wrk.format("GET", "/api/daily_papers?date=" .. date, headers) end
  return wrk.format("GET", "/api/papers/" .. paper, headers)
end

function request()
  sent = sent + 1
  last = nil
  local roll = math.random(100)
  local user = users[math.random(#users)]
  if roll <= 30 then
    return read({})
  elseif roll <= 60 then
    return read({ ["Cookie"] = user.cookie })
  elseif roll <= 75 then
    local query = queries[math.random(#queries)]:gsub(" ", "+")
    if roll <= 68 then return wrk.format("GET", "/api/papers/search?q=" .. query) end
    return wrk.format("GET", "/search?q=" .. query, { ["Cookie"] = user.cookie })
  elseif roll <= 95 then
    local paper = papers[math.random(#papers)]
    last = "vote " .. user.name .. " " .. paper
    return wrk.format("POST", "/api/papers/" .. paper .. "/upvote", { ["Authorization"] = "Bearer " .. user.token })
  end
  local marker = string.format("soak-%s-%d-%d", phase, id, sent)
  last = "comment " .. marker
  return wrk.format("POST", "/api/papers/" .. comment_papers[math.random(#comment_papers)] .. "/comments",
    { ["Authorization"] = "Bearer " .. user.token, ["Content-Type"] = "application/json" },
    '{"text":"A soak test comment, ' .. marker .. '."}')
end

-- Files are opened for each line and closed at once: wrk's event loops take sockets only up to a small descriptor
-- number (10 + 3 x connections), and a file held open per thread pushes reconnected sockets past it ("connect" errors).
local function append(path, line)
  local file = io.open(path, "a")
  file:write(line, "\n")
  file:close()
end

function response(status, headers, body)
  if last and status >= 200 and status < 300 then
    append(acks, last)
  end
  if status >= 400 then
    append(errors, os.time() .. " " .. status .. " " .. (last or "read"))
  end
  last = nil
end

function delay()
  return delay_ms
end
