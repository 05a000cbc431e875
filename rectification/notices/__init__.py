"""Progress notices (整改进展情况的通报) both ways: `parse` reads a published one into a ledger,
`match` ties its findings to the ledger's items, `write` composes the next one and `docx` lays it
out as a Word document; `summary` is the paragraph the overview shares with them."""
