using Paperwire.Recommend.Signals;

namespace Paperwire.Recommend.Evaluation;

public enum ReaderKind
{
    /// <summary>Wants one arXiv primary category; follows it.</summary>
    SingleCategory,

    /// <summary>Wants a keyword topic that spans categories; follows the category most of their known papers are in.</summary>
    CrossCategoryTopic,

    /// <summary>Wants two unrelated topics; follows a category for each.</summary>
    TwoInterests,

    /// <summary>Wants a category except one topic in it, and marked a few papers of that topic not interested.</summary>
    NotInterestedTopic,
}

/// <summary>
/// A reader made up from the corpus: the signals a model is given (a few known positives, follows, maybe
/// not-interested papers) and the held-out papers a good ranking finds (the rest of what they want).
/// <see cref="Unwanted"/>: the papers of a topic the reader marked not interested (empty for other kinds).
/// </summary>
public sealed record SyntheticReader(ReaderKind Kind, string Description, int Seed, ReaderSignals Signals, IReadOnlySet<string> HeldOut, IReadOnlySet<string> Unwanted)
{
    /// <summary>Papers no method may return for this reader: the ones it was given.</summary>
    public IReadOnlySet<string> Given { get; } =
        Signals.Positives.Select(p => p.Paper.Id).Concat(Signals.NotInterested.Select(p => p.Id)).ToHashSet(StringComparer.Ordinal);
}
