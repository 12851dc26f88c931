"""A tiny ledger used as evidence by the end-to-end certificate."""


class Ledger:
    """Append-only list of postings."""

    def __init__(self):
        self.entries = []

    def post(self, account, amount):
        """Record one posting; the amount must be positive."""
        if amount <= 0:
            raise ValueError("amount must be positive")
        self.entries.append((account, amount))

    def balance(self, account):
        """Sum of the postings of one account."""
        total = 0
        for name, amount in self.entries:
            if name == account:
                total += amount
        return total
