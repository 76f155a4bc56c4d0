using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Paperwire.Core.Community;
using Paperwire.Operations;

namespace Paperwire.Pages.Admin;

/// <summary><c>/admin/status</c>: how this installation is doing, for its admins (others get the 403 page).</summary>
[Authorize(Roles = Roles.Admin)]
public sealed class StatusModel(StatusReport report) : PageModel
{
    public StatusSnapshot Status { get; private set; } = null!;

    public async Task OnGetAsync(CancellationToken cancellationToken) => Status = await report.ReadAsync(cancellationToken);
}
