using Paperwire.Search.Hybrid;

namespace Paperwire.Tests.Search;

public sealed class FusionTests
{
    private static readonly Scored[] Keyword = [new("a", 12), new("b", 6), new("c", 3)];
    private static readonly Scored[] Semantic = [new("c", 0.9), new("d", 0.8), new("a", 0.5)];

    [Fact]
    public void Weighted_fusion_rewards_papers_both_methods_found()
    {
        var fused = Fusion.Fuse(Keyword, Semantic, new(FusionMethod.Weighted, 0.5, 0));

        // a: 0.5·1 + 0.5·0 = 0.5; c: 0.5·0.25 + 0.5·1 = 0.625; d: 0.5·0.75 = 0.375; b: 0.5·0.5 = 0.25.
        Assert.Equal(["c", "a", "d", "b"], fused.Select(p => p.PaperId));
        Assert.Equal((3, 1), (fused[0].KeywordRank, fused[0].SemanticRank));
        Assert.Null(fused[2].KeywordRank);
    }

    [Fact]
    public void Weight_zero_is_keyword_order_and_weight_one_is_meaning_order()
    {
        Assert.Equal(["a", "b", "c"], Fusion.Fuse(Keyword, Semantic, new(FusionMethod.Weighted, 0, 0)).Take(3).Select(p => p.PaperId));
        Assert.Equal(["c", "d", "a"], Fusion.Fuse(Keyword, Semantic, new(FusionMethod.Weighted, 1, 0)).Take(3).Select(p => p.PaperId));
    }

    [Fact]
    public void Reciprocal_rank_fusion_uses_ranks_only()
    {
        var fused = Fusion.Fuse(Keyword, Semantic, new(FusionMethod.Rrf, 0.5, 60));

        // a: 1/61 + 1/63, c: 1/63 + 1/61 — a tie, broken by keyword rank; then d (1/62) before b (1/62) by keyword-less order.
        Assert.Equal(["a", "c", "b", "d"], fused.Select(p => p.PaperId));
    }

    [Fact]
    public void One_empty_list_leaves_the_other_in_order()
    {
        Assert.Equal(["c", "d", "a"], Fusion.Fuse([], Semantic, new(FusionMethod.Weighted, 0.5, 0)).Select(p => p.PaperId));
        Assert.Empty(Fusion.Fuse([], [], new(FusionMethod.Rrf, 0.5, 60)));
    }
}
