using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Paperwire.Ingest.Arxiv;
using Paperwire.Storage;
using Paperwire.Storage.Coordination;
using Paperwire.Storage.Links;

namespace Paperwire.Ingest.GitHub;

/// <summary>What one run of the stars refresh did.</summary>
public sealed record StarsRunSummary(int Asked, int Updated, int NotModified, int Gone, int Failed)
{
    /// <summary>Set when GitHub's rate limit stopped the run: the time after which to go on.</summary>
    public DateTimeOffset? ResumeAt { get; init; }

    /// <summary>Set when GitHub could not be reached at all: the run ended early.</summary>
    public string? Unreachable { get; init; }

    public override string ToString()
    {
        var text = $"{Asked} asked: {Updated} updated, {NotModified} unchanged, {Gone} gone, {Failed} failed";
        return Unreachable is not null ? $"{text}; GitHub could not be reached ({Unreachable})"
            : ResumeAt is { } at ? $"{text}; stopped by GitHub's rate limit until {at:yyyy-MM-dd HH:mm:ss} UTC"
            : text;
    }
}

/// <summary>
/// Refreshes the star counts of the GitHub repositories papers link to: daily for recent papers (published or in the
/// feed within <see cref="GitHubStarsOptions.RecentDays"/>), once for any repository never asked about, monthly for
/// one that was gone. One request per repository however many papers link to it, one at a time, conditional on the
/// stored ETag. A repository's new count and its papers are written in one transaction; a failed request leaves
/// both as they were.
/// </summary>
public sealed partial class GitHubStarsRefresher(
    PaperwireDbContext db,
    GitHubClient github,
    ChangeSequence sequence,
    IOptions<GitHubOptions> options,
    TimeProvider clock,
    ILogger<GitHubStarsRefresher> logger)
{
    /// <summary>A repository checked this long ago is due again (a day, less the time a run takes).</summary>
    public static readonly TimeSpan Daily = TimeSpan.FromHours(20);

    /// <summary>A gone repository is asked about again after this long: it may have been made public again.</summary>
    public static readonly TimeSpan GoneRecheck = TimeSpan.FromDays(30);

    public async Task<StarsRunSummary> RunAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value.Stars;
        var due = await DueAsync(clock.GetUtcNow(), cancellationToken);
        int asked = 0, updated = 0, notModified = 0, gone = 0, failed = 0, failingInARow = 0;
        foreach (var repository in due.Take(Math.Max(0, settings.MaxRequestsPerRun)))
        {
            if (asked > 0 && settings.MinimumInterval > TimeSpan.Zero)
            {
                await Task.Delay(settings.MinimumInterval, clock, cancellationToken);
            }

            asked++;
            var answer = await github.RepositoryAsync(repository.Key, repository.Stored?.ETag, cancellationToken);
            failingInARow = answer is { Kind: GitHubAnswerKind.Failed, AboutRepository: false } ? failingInARow + 1 : 0;
            switch (answer.Kind)
            {
                case GitHubAnswerKind.Stars:
                    await SaveAsync(repository, answer.Stars, answer.ETag, isGone: false, cancellationToken);
                    updated++;
                    break;
                case GitHubAnswerKind.NotModified:
                    await SaveAsync(repository, repository.Stored?.Stars, repository.Stored?.ETag, isGone: false, cancellationToken);
                    notModified++;
                    break;
                case GitHubAnswerKind.Gone:
                    await SaveAsync(repository, null, null, isGone: true, cancellationToken);
                    gone++;
                    break;
                case GitHubAnswerKind.RateLimited:
                    LogRateLimited(repository.Key, answer.RetryAt!.Value);
                    return new StarsRunSummary(asked, updated, notModified, gone, failed) { ResumeAt = answer.RetryAt };
                default:
                    failed++;
                    LogFailed(repository.Key, answer.Reason ?? "no reason given");
                    if (failingInARow >= Math.Max(1, settings.UnreachableAfter))
                    {
                        // GitHub is away or down: asking about every other repository would only hammer it.
                        var reason = answer.Reason ?? "no connection";
                        LogUnreachable(options.Value.BaseUri, reason, failingInARow);
                        return new StarsRunSummary(asked, updated, notModified, gone, failed) { Unreachable = answer.Unreachable ? reason : "kept failing: " + reason };
                    }

                    break;
            }

            if (answer.Remaining == 0)
            {
                // That was the last request the limit allows: asking on would only earn 403s.
                var resumeAt = answer.Reset is { } reset && reset > clock.GetUtcNow() ? reset : clock.GetUtcNow() + GitHubClient.DefaultBackOff;
                LogRateLimited(repository.Key, resumeAt);
                return new StarsRunSummary(asked, updated, notModified, gone, failed) { ResumeAt = resumeAt };
            }
        }

        return new StarsRunSummary(asked, updated, notModified, gone, failed);
    }

    /// <summary>
    /// The repositories to ask about, most wanted first: recent papers' repositories never asked about, then those
    /// of recent papers asked about a day or more ago, then the rest never asked about, newest paper first. Papers
    /// whose repository is known but not due get its stored count here, without a request.
    /// </summary>
    private async Task<List<DueRepository>> DueAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var cutoff = now.AddDays(-Math.Max(0, options.Value.Stars.RecentDays));
        var linked = await db.Papers.AsNoTracking()
            .Where(p => p.GithubRepo != null)
            .Select(p => new
            {
                p.Id,
                p.GithubRepo,
                p.GithubStars,
                p.PublishedAt,
                Recent = p.PublishedAt >= cutoff || (p.FeedEntry != null && p.FeedEntry.SubmittedAt >= cutoff),
            })
            .ToListAsync(cancellationToken);
        var stored = await db.GithubRepositories.AsNoTracking().ToDictionaryAsync(r => r.Key, StringComparer.Ordinal, cancellationToken);

        var due = new List<(DueRepository Repository, int Rank, DateTimeOffset Newest)>();
        foreach (var group in linked.Select(p => (Key: PaperLinksFinder.GithubKey(p.GithubRepo), Paper: p)).Where(p => p.Key is not null).GroupBy(p => p.Key!, StringComparer.Ordinal))
        {
            var recent = group.Any(p => p.Paper.Recent);
            var known = stored.GetValueOrDefault(group.Key);
            var repository = new DueRepository(group.Key, [.. group.Select(p => p.Paper.Id)], known);
            int? rank = known switch
            {
                null => recent ? 0 : 2,
                { Gone: true } => known.CheckedAt is not { } at || at <= now - GoneRecheck ? 3 : null,
                _ => recent && (known.CheckedAt is not { } checkedAt || checkedAt <= now - Daily) ? 1 : null,
            };
            if (rank is { } r)
            {
                due.Add((repository, r, group.Max(p => p.Paper.PublishedAt)));
            }
            else if (known is { CheckedAt: not null } && group.Any(p => p.Paper.GithubStars != known.Stars))
            {
                // A paper imported since the last request: it shows the count the repository already has.
                await SaveAsync(repository, known.Stars, known.ETag, known.Gone, cancellationToken, asked: false);
            }
        }

        return [.. due.OrderBy(d => d.Rank).ThenByDescending(d => d.Newest).ThenBy(d => d.Repository.Key, StringComparer.Ordinal).Select(d => d.Repository)];
    }

    /// <summary>Stores what GitHub said and gives every paper linking to the repository its count, in one transaction.</summary>
    private async Task SaveAsync(DueRepository repository, int? stars, string? etag, bool isGone, CancellationToken cancellationToken, bool asked = true)
    {
        var strategy = db.Database.CreateExecutionStrategy();
        await strategy.ExecuteAsync(async () =>
        {
            db.ChangeTracker.Clear();
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            if (asked)
            {
                var row = await db.GithubRepositories.SingleOrDefaultAsync(r => r.Key == repository.Key, cancellationToken);
                if (row is null)
                {
                    row = new GithubRepository { Key = repository.Key };
                    db.GithubRepositories.Add(row);
                }

                row.Stars = stars;
                row.ETag = etag;
                row.Gone = isGone;
                row.CheckedAt = clock.GetUtcNow();
                await db.SaveChangesAsync(cancellationToken);
            }

            var ids = repository.PaperIds;
            var changed = await db.Papers.Where(p => ids.Contains(p.Id) && p.GithubStars != stars).Select(p => p.Id).ToListAsync(cancellationToken);
            if (changed.Count > 0)
            {
                // Rows locked before they are written, as every writer that takes a change number does (ChangeSequence).
                await sequence.LockPapersAsync(changed, cancellationToken);
                await db.Papers.Where(p => changed.Contains(p.Id)).ExecuteUpdateAsync(p => p.SetProperty(x => x.GithubStars, stars), cancellationToken);
                await sequence.TouchPapersAsync(changed, cancellationToken);
            }

            await transaction.CommitAsync(cancellationToken);
            db.ChangeTracker.Clear();
        });
    }

    private sealed record DueRepository(string Key, List<string> PaperIds, GithubRepository? Stored);

    [LoggerMessage(Level = LogLevel.Information, Message = "GitHub's rate limit is reached (at {Repository}); the stars refresh goes on after {ResumeAt:u}")]
    private partial void LogRateLimited(string repository, DateTimeOffset resumeAt);

    [LoggerMessage(Level = LogLevel.Information, Message = "Stars of {Repository} not refreshed ({Reason}); the old count stays until the next run")]
    private partial void LogFailed(string repository, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "GitHub cannot be reached at {BaseUrl} ({Reason}; {Failures} requests in a row failed); star counts stay as they are until the next run. Set GitHub:Stars:Enabled=false on an offline install.")]
    private partial void LogUnreachable(Uri baseUrl, string reason, int failures);
}
