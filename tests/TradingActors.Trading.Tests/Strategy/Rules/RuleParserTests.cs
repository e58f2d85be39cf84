using TradingActors.Trading.Strategy.Rules;

namespace TradingActors.Trading.Tests.Strategy.Rules;

public sealed class RuleParserTests
{
    private const string Key = "strategy.entry.long.when";

    [Fact]
    public void A_crossover_with_a_filter_reads_exactly_the_features_it_names()
    {
        var rule = RuleParser.ParseCondition(Key, "ema(9) crosses_above ema(21) and rsi(14) < 70");

        Assert.Equal(
            new[] { new FeatureKey("ema", 9), new FeatureKey("ema", 21), new FeatureKey("rsi", 14) },
            rule.Features.Distinct());
    }

    [Fact]
    public void Crosses_above_is_true_only_on_the_update_where_the_order_flips()
    {
        var rule = RuleParser.ParseCondition(Key, "ema(9) crosses_above ema(21)");
        var values = new Values();

        values.Set("ema(9)", previous: 99m, current: 101m);
        values.Set("ema(21)", previous: 100m, current: 100m);
        Assert.True(rule.Evaluate(values));

        values.Set("ema(9)", previous: 101m, current: 102m);
        Assert.False(rule.Evaluate(values));
    }

    [Fact]
    public void Arithmetic_follows_precedence_and_parentheses()
    {
        var values = new Values();
        values.Set("atr(14)", previous: 0m, current: 3m);

        Assert.Equal(7m, RuleParser.ParseValue(Key, "1 + atr(14) * 2").Evaluate(values, previous: false));
        Assert.Equal(9m, RuleParser.ParseValue(Key, "(1 + 2) * atr(14)").Evaluate(values, previous: false));
        Assert.Equal(-3m, RuleParser.ParseValue(Key, "-atr(14)").Evaluate(values, previous: false));
    }

    [Fact]
    public void Not_and_or_and_grouped_conditions_combine_as_written()
    {
        var values = new Values();
        values.Set("rsi(14)", previous: 0m, current: 80m);
        values.Set("close", previous: 0m, current: 10m);

        Assert.True(RuleParser.ParseCondition(Key, "rsi(14) > 70 or close < 5").Evaluate(values));
        Assert.False(RuleParser.ParseCondition(Key, "not (rsi(14) > 70) and close > 5").Evaluate(values));
        Assert.True(RuleParser.ParseCondition(Key, "(close - 4) * 2 >= 12").Evaluate(values));
    }

    [Fact]
    public void A_feature_that_is_not_ready_makes_the_condition_false()
    {
        var rule = RuleParser.ParseCondition(Key, "rsi(14) < 70");

        Assert.False(rule.Evaluate(new Values()));
    }

    [Fact]
    public void Division_by_zero_yields_no_value_instead_of_throwing()
    {
        var values = new Values();
        values.Set("close", previous: 0m, current: 0m);

        Assert.False(RuleParser.ParseCondition(Key, "1 / close > 0").Evaluate(values));
    }

    [Theory]
    [InlineData("ema(9) crosses_above", 21, "expected a number, a field or an indicator but found the end of the rule")]
    [InlineData("ema(9 > 3", 7, "expected ')' but found '>'")]
    [InlineData("emma(9) > 3", 1, "unknown name 'emma'")]
    [InlineData("rsi(0) < 30", 5, "must be a whole number from 1 to 10000")]
    [InlineData("rsi(14)", 8, "expected a comparison")]
    [InlineData("rsi(14) < 30 30", 14, "expected the end of the rule but found '30'")]
    [InlineData("", 1, "expected a number, a field or an indicator but found the end of the rule")]
    public void A_syntax_error_names_the_key_and_the_column(string text, int column, string problem)
    {
        var error = Assert.Throws<RuleSyntaxException>(() => RuleParser.ParseCondition(Key, text));

        Assert.Equal(Key, error.Key);
        Assert.Equal(column, error.Column);
        Assert.Contains(problem, error.Problem, StringComparison.Ordinal);
        Assert.StartsWith($"Rule '{Key}', column {column}:", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Absurdly_deep_nesting_is_a_syntax_error_not_a_stack_overflow()
    {
        var text = new string('(', 10_000) + "close" + new string(')', 10_000) + " > 1";

        Assert.Throws<RuleSyntaxException>(() => RuleParser.ParseCondition(Key, text));
    }

    private sealed class Values : IFeatureValues
    {
        private readonly Dictionary<string, (decimal Previous, decimal Current)> _values = [];

        public void Set(string key, decimal previous, decimal current) => _values[key] = (previous, current);

        public decimal? Current(FeatureKey key) => _values.TryGetValue(key.ToString(), out var v) ? v.Current : null;

        public decimal? Previous(FeatureKey key) => _values.TryGetValue(key.ToString(), out var v) ? v.Previous : null;
    }
}
