using TBot.Engine.Orders;

namespace TBot.Engine.Tests.Orders;

public sealed class OrderStateMachineTests
{
    [Theory]
    [InlineData(OrderStatus.New, OrderStatus.Submitted, true)]
    [InlineData(OrderStatus.Submitted, OrderStatus.Accepted, true)]
    [InlineData(OrderStatus.Submitted, OrderStatus.Filled, true)]
    [InlineData(OrderStatus.Accepted, OrderStatus.PartiallyFilled, true)]
    [InlineData(OrderStatus.PartiallyFilled, OrderStatus.Filled, true)]
    [InlineData(OrderStatus.PartiallyFilled, OrderStatus.Cancelled, true)]
    [InlineData(OrderStatus.Accepted, OrderStatus.Expired, true)]
    [InlineData(OrderStatus.New, OrderStatus.Filled, false)]
    [InlineData(OrderStatus.Accepted, OrderStatus.Submitted, false)]
    [InlineData(OrderStatus.Accepted, OrderStatus.Rejected, false)]
    [InlineData(OrderStatus.Filled, OrderStatus.Cancelled, false)]
    [InlineData(OrderStatus.Cancelled, OrderStatus.Filled, false)]
    [InlineData(OrderStatus.Rejected, OrderStatus.Accepted, false)]
    [InlineData(OrderStatus.Expired, OrderStatus.PartiallyFilled, false)]
    public void Table(OrderStatus from, OrderStatus to, bool legal) => Assert.Equal(legal, OrderStateMachine.CanMove(from, to));

    [Fact]
    public void Terminal_states_have_no_way_out()
    {
        foreach (var from in Enum.GetValues<OrderStatus>())
        {
            if (!OrderStateMachine.IsTerminal(from)) continue;
            foreach (var to in Enum.GetValues<OrderStatus>()) Assert.False(OrderStateMachine.CanMove(from, to));
        }
    }
}
