-- Drives the Signoff language server from a real Neovim (headless), the way a user's config does: start the
-- server, attach it to buffers, then ask for diagnostics, go to definition, toggle a task through a code action
-- and through the server's command. Writes one JSON object of what it saw to $SIGNOFF_OUT, then quits.
-- Works with Neovim 0.7 (Debian bookworm's) and later: only vim.lsp.start_client / buf_attach_client are used.
local root = os.getenv('SIGNOFF_WS')
local out = {}

local function finish()
  local f = assert(io.open(os.getenv('SIGNOFF_OUT'), 'w'))
  f:write(vim.fn.json_encode(out))
  f:close()
  vim.cmd('qa!')
end

local ok, err = pcall(function()
  local client_id = vim.lsp.start_client({
    name = 'signoff',
    cmd = { 'node', os.getenv('SIGNOFF_SERVER'), 'lsp', '--stdio' },
    root_dir = root,
    settings = { signoff = { evidence = { git = false } } },
  })
  assert(client_id, 'the server did not start')

  vim.cmd('edit ' .. root .. '/certs/pay.md')
  local cert = vim.api.nvim_get_current_buf()
  vim.lsp.buf_attach_client(cert, client_id)
  local client = vim.lsp.get_client_by_id(client_id)
  vim.wait(20000, function() return #vim.diagnostic.get(cert) > 0 end, 50)
  out.diagnostics = {}
  for _, d in ipairs(vim.diagnostic.get(cert)) do
    local code = d.code or (d.user_data and d.user_data.lsp and d.user_data.lsp.code)
    table.insert(out.diagnostics, { code = code, line = d.lnum, severity = d.severity, source = d.source })
  end

  -- `gd` on an evidence reference.
  local refLine = vim.fn.search('- src/pay.py:1-3', 'n') - 1
  local params = { textDocument = { uri = vim.uri_from_bufnr(cert) }, position = { line = refLine, character = 4 } }
  local res = vim.lsp.buf_request_sync(cert, 'textDocument/definition', params, 10000)
  local r = res and res[client_id] and res[client_id].result
  if r and r[1] then r = r[1] end
  out.definition = r and { uri = r.uri or r.targetUri, range = r.range or r.targetSelectionRange } or vim.NIL
  if r then
    vim.lsp.util.jump_to_location(r, client.offset_encoding)
    out.jumped = { file = vim.api.nvim_buf_get_name(0), line = vim.api.nvim_win_get_cursor(0)[1] }
  end

  -- A task toggled through the code action on its line, then through the server's command (applyEdit).
  vim.cmd('edit ' .. root .. '/ops/deploy.md')
  local list = vim.api.nvim_get_current_buf()
  vim.lsp.buf_attach_client(list, client_id)
  vim.wait(10000, function() return vim.lsp.buf_is_attached(list, client_id) end, 50)
  local taskLine = vim.fn.search('Build the archive', 'n') - 1
  local cparams = {
    textDocument = { uri = vim.uri_from_bufnr(list) },
    range = { start = { line = taskLine, character = 3 }, ['end'] = { line = taskLine, character = 3 } },
    context = { diagnostics = {} },
  }
  local actions = vim.lsp.buf_request_sync(list, 'textDocument/codeAction', cparams, 10000)
  out.actions = {}
  for _, a in ipairs((actions and actions[client_id] and actions[client_id].result) or {}) do
    table.insert(out.actions, a.title)
    if a.kind == 'refactor.rewrite.signoff.toggleTask' then vim.lsp.util.apply_workspace_edit(a.edit, client.offset_encoding) end
  end
  out.afterAction = vim.api.nvim_buf_get_lines(list, taskLine, taskLine + 1, false)[1]

  local deployLine = vim.fn.search('\\*\\*Deploy', 'n') - 1
  client.request_sync('workspace/executeCommand', { command = 'signoff.lsp.toggleTask', arguments = { vim.uri_from_bufnr(list), deployLine } }, 10000, list)
  vim.wait(5000, function() return vim.api.nvim_buf_get_lines(list, deployLine, deployLine + 1, false)[1]:find('%[x%]') ~= nil end, 50)
  out.afterCommand = vim.api.nvim_buf_get_lines(list, deployLine, deployLine + 1, false)[1]
end)
if not ok then out.error = tostring(err) end
finish()
