namespace Paperwire.Recommend.Vectors;

/// <summary>
/// Numbers for the categories, organizations or authors of a set of papers, so that ranking compares integers
/// (an array lookup per paper) rather than strings against the reader's follows.
/// </summary>
internal sealed class Vocabulary
{
    private readonly Dictionary<string, int> numbers = new(StringComparer.Ordinal);
    private readonly List<string> names = [];
    private readonly bool personOrOrganization;

    private Vocabulary(bool personOrOrganization) => this.personOrOrganization = personOrOrganization;

    /// <summary>arXiv categories match exactly: <c>cs.CL</c> is not <c>cs.cl</c> on arXiv either.</summary>
    public static Vocabulary OfCategories() => new(false);

    /// <summary>A followed name matches regardless of case and runs of spaces: following "Meta AI" finds "meta  ai".</summary>
    public static Vocabulary OfNames() => new(true);

    public int Count => names.Count;

    public int Intern(string name)
    {
        var key = Key(name);
        if (!numbers.TryGetValue(key, out var number))
        {
            number = names.Count;
            numbers[key] = number;
            names.Add(name);
        }

        return number;
    }

    /// <summary>The name as first written.</summary>
    public string Name(int number) => names[number];

    public bool TryGet(string name, out int number) => numbers.TryGetValue(Key(name), out number);

    /// <summary>A flag per number, set for each of <paramref name="followed"/> that this vocabulary knows.</summary>
    public bool[] Flags(IEnumerable<string> followed)
    {
        var flags = new bool[Count];
        foreach (var name in followed)
        {
            if (TryGet(name, out var number))
            {
                flags[number] = true;
            }
        }

        return flags;
    }

    private string Key(string name) =>
        personOrOrganization ? string.Join(' ', name.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)).ToUpperInvariant() : name;
}
