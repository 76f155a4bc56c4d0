using Paperwire.Recommend.Signals;

namespace Paperwire.Recommend.Ranking;

/// <summary>Which of a pool's categories, organizations and authors a reader follows, as flags by number.</summary>
internal sealed class FollowMatches
{
    private readonly CandidatePool pool;
    private readonly bool[] categories;
    private readonly bool[] organizations;
    private readonly bool[] authors;

    public FollowMatches(ReaderFollows follows, CandidatePool pool)
    {
        this.pool = pool;
        categories = pool.Categories.Vocabulary.Flags(follows.Categories);
        organizations = pool.Organizations.Vocabulary.Flags(follows.Organizations);
        authors = pool.Authors.Vocabulary.Flags(follows.Authors);
        Any = categories.Contains(true) || organizations.Contains(true) || authors.Contains(true);
    }

    /// <summary>False when no candidate matches any follow: ranking skips the bonus loop.</summary>
    public bool Any { get; }

    public bool Matches(int row) =>
        pool.Categories.FirstFlagged(row, categories) >= 0
        || pool.Organizations.FirstFlagged(row, organizations) >= 0
        || pool.Authors.FirstFlagged(row, authors) >= 0;

    public float Bonus(int row, FollowBonus bonus)
    {
        var total = 0f;
        if (pool.Categories.FirstFlagged(row, categories) >= 0)
        {
            total += bonus.Category;
        }

        if (pool.Organizations.FirstFlagged(row, organizations) >= 0)
        {
            total += bonus.Organization;
        }

        if (pool.Authors.FirstFlagged(row, authors) >= 0)
        {
            total += bonus.Author;
        }

        return total;
    }

    public string? Category(int row) => AsWritten(pool.Paper(row).Categories, pool.Categories.Vocabulary, categories);

    public string? Organization(int row) =>
        pool.Paper(row).Organization is { } organization ? AsWritten([organization], pool.Organizations.Vocabulary, organizations) : null;

    public string? Author(int row) => AsWritten(pool.Paper(row).Authors, pool.Authors.Vocabulary, authors);

    /// <summary>The first followed name as this paper writes it (a reason quotes the paper, not the follow).</summary>
    private static string? AsWritten(IEnumerable<string> names, Vectors.Vocabulary vocabulary, bool[] flags) =>
        names.FirstOrDefault(name => vocabulary.TryGet(name, out var number) && flags[number]);
}
