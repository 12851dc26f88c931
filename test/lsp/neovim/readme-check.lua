-- Runs after README's snippets, loaded as the user's init.lua: opens a certificate and a checklist the way a user
-- does (:edit, so the FileType autocommand starts or attaches the server), waits for diagnostics, then presses the
-- README's <leader>x on a task. Writes what it saw to $SIGNOFF_OUT as JSON, then quits.
local root = os.getenv('SIGNOFF_WS')
local out = {}

local ok, err = pcall(function()
  vim.cmd('edit ' .. root .. '/certs/pay.md')
  local cert = vim.api.nvim_get_current_buf()
  vim.wait(20000, function() return #vim.diagnostic.get(cert) > 0 end, 50)
  out.codes = {}
  for _, d in ipairs(vim.diagnostic.get(cert)) do
    table.insert(out.codes, d.code or (d.user_data and d.user_data.lsp and d.user_data.lsp.code))
  end

  vim.cmd('edit ' .. root .. '/ops/deploy.md')
  local list = vim.api.nvim_get_current_buf()
  vim.wait(10000, function() return #vim.lsp.buf_get_clients(list) > 0 end, 50)
  -- The server reads the document when it is opened: wait for its diagnostics pass before asking it to edit.
  vim.wait(3000, function() return false end, 50)
  local line = vim.fn.search('Build the archive')
  -- <leader> (backslash by default) and x in one go, through the mapping.
  vim.api.nvim_feedkeys((vim.g.mapleader or '\\') .. 'x', 'mx', false)
  vim.wait(10000, function() return vim.api.nvim_buf_get_lines(list, line - 1, line, false)[1]:find('%[x%]') ~= nil end, 50)
  out.afterToggle = vim.api.nvim_buf_get_lines(list, line - 1, line, false)[1]
end)
if not ok then out.error = tostring(err) end
local f = assert(io.open(os.getenv('SIGNOFF_OUT'), 'w'))
f:write(vim.fn.json_encode(out))
f:close()
vim.cmd('qa!')
