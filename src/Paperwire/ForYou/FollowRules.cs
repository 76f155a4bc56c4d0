using Paperwire.Community.Collections;
using Paperwire.Core.Readers;
using Paperwire.Ingest.Arxiv;

namespace Paperwire.ForYou;

/// <summary>What a follow may name, checked before anything is stored: the API's words for kinds, and each kind's rule.</summary>
public static class FollowRules
{
    /// <summary>A reader's follows of all kinds together; beyond it a follow is refused (10,000 follows are a script, not a reader).</summary>
    public const int MaxFollowsPerReader = 500;

    public const int MaxNameLength = ReaderSignal.MaxTargetLength;

    public static IReadOnlyList<string> Kinds { get; } = ["category", "organization", "author"];

    public static ReaderSignalKind[] FollowKinds { get; } = [ReaderSignalKind.FollowCategory, ReaderSignalKind.FollowOrganization, ReaderSignalKind.FollowAuthor];

    public static bool TryParseKind(string? kind, out ReaderSignalKind parsed)
    {
        (var known, parsed) = kind switch
        {
            "category" => (true, ReaderSignalKind.FollowCategory),
            "organization" => (true, ReaderSignalKind.FollowOrganization),
            "author" => (true, ReaderSignalKind.FollowAuthor),
            _ => (false, ReaderSignalKind.NotInterested),
        };
        return known;
    }

    public static string KindName(ReaderSignalKind kind) => kind switch
    {
        ReaderSignalKind.FollowCategory => "category",
        ReaderSignalKind.FollowOrganization => "organization",
        ReaderSignalKind.FollowAuthor => "author",
        ReaderSignalKind.PickedPaper => "picked",
        _ => "not-interested",
    };

    /// <summary>
    /// The name as it will be stored, or the reason it cannot be: a category of arXiv's taxonomy (<c>cs.CL</c>) or an
    /// archive (<c>cs</c>); an organization or author name of 1–200 characters without control characters. Whether the
    /// organization exists is the caller's question (it needs the database).
    /// </summary>
    public static Outcome Check(ReaderSignalKind kind, string? name, out string target)
    {
        target = name?.Trim() ?? "";
        if (target.Length == 0)
        {
            return Outcome.BadRequest("Invalid follow", "A follow needs a name.");
        }

        if (target.Length > MaxNameLength || target.Any(char.IsControl) || !IsWellFormed(target))
        {
            return Outcome.BadRequest("Invalid follow", $"A name is at most {MaxNameLength} characters of text, without control characters.");
        }

        if (kind == ReaderSignalKind.FollowCategory && !ArxivCategories.IsKnownOrArchive(target))
        {
            return Outcome.BadRequest("Unknown category", $"'{Api.ApiProblems.Shorten(target)}' is not an arXiv category (cs.CL) or archive (cs).");
        }

        return Outcome.Ok;
    }

    /// <summary>No lone surrogate: JSON can carry one, but no database can store it as text.</summary>
    private static bool IsWellFormed(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(text[i]))
            {
                return false;
            }
        }

        return true;
    }
}
