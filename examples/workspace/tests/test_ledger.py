from src.payments.ledger import Ledger


class TestLedger:
    def test_post_returns_count(self):
        assert Ledger().post("a", "b", 1) == 1

    def test_balance(self):
        l = Ledger()
        l.post("a", "b", 5)
        assert l.balance("b") == 5

