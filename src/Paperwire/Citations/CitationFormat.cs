using Microsoft.Net.Http.Headers;

namespace Paperwire.Citations;

/// <summary>The reference-manager formats papers export as.</summary>
public enum CitationFormat
{
    Bibtex,
    Ris,
    CslJson,
}

public static class CitationFormats
{
    public static readonly IReadOnlyList<CitationFormat> All = [CitationFormat.Bibtex, CitationFormat.Ris, CitationFormat.CslJson];

    /// <summary>The file suffix, dot included: <c>.bib</c>, <c>.ris</c>, <c>.csl.json</c>.</summary>
    public static string Suffix(this CitationFormat format) => format switch
    {
        CitationFormat.Bibtex => ".bib",
        CitationFormat.Ris => ".ris",
        _ => ".csl.json",
    };

    public static string MediaType(this CitationFormat format) => format switch
    {
        CitationFormat.Bibtex => "application/x-bibtex",
        CitationFormat.Ris => "application/x-research-info-systems",
        _ => "application/vnd.citationstyles.csl+json",
    };

    public static string ContentType(this CitationFormat format) => format.MediaType() + "; charset=utf-8";

    public static string Label(this CitationFormat format) => format switch
    {
        CitationFormat.Bibtex => "BibTeX",
        CitationFormat.Ris => "RIS",
        _ => "CSL-JSON",
    };

    /// <summary>The format whose suffix ends <paramref name="name"/>, and the name without it.</summary>
    public static bool TrySplitSuffix(string? name, out string stem, out CitationFormat format)
    {
        foreach (var candidate in All)
        {
            if (name?.EndsWith(candidate.Suffix(), StringComparison.Ordinal) == true)
            {
                stem = name[..^candidate.Suffix().Length];
                format = candidate;
                return true;
            }
        }

        stem = name ?? "";
        format = default;
        return false;
    }

    /// <summary>The first citation format the request's <c>Accept</c> names (wildcards do not count), if any.</summary>
    public static CitationFormat? FromAccept(HttpRequest request)
    {
        IList<MediaTypeHeaderValue> accept;
        try
        {
            accept = request.GetTypedHeaders().Accept;
        }
        catch (FormatException)
        {
            return null;
        }

        foreach (var value in accept.OrderByDescending(a => a.Quality ?? 1))
        {
            foreach (var format in All)
            {
                if (value.MediaType.Equals(format.MediaType(), StringComparison.OrdinalIgnoreCase))
                {
                    return format;
                }
            }
        }

        return null;
    }

    /// <summary>The papers in <paramref name="format"/>, with keys unique inside this export.</summary>
    public static string Write(this CitationFormat format, IReadOnlyList<Core.Papers.Paper> papers, Uri baseUri)
    {
        var keys = CitationKeys.For(papers);
        return format switch
        {
            CitationFormat.Bibtex => BibtexWriter.Write(papers, keys, baseUri),
            CitationFormat.Ris => RisWriter.Write(papers, keys, baseUri),
            _ => CslJsonWriter.Write(papers, keys, baseUri),
        };
    }
}
