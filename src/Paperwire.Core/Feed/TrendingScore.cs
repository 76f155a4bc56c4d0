namespace Paperwire.Core.Feed;

/// <summary>
/// The gravity model used for "trending": score = (upvotes + 1) / (ageHours + 2)^1.5.
/// The +1 keeps unvoted new papers above old unvoted ones; the exponent sets how fast age wins.
/// </summary>
public static class TrendingScore
{
    public const double Gravity = 1.5;

    public static double Compute(int upvotes, DateTimeOffset submittedAt, DateTimeOffset now)
    {
        var ageHours = Math.Max(0, (now - submittedAt).TotalHours);
        return (upvotes + 1) / Math.Pow(ageHours + 2, Gravity);
    }
}
