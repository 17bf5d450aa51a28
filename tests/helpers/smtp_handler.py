"""A real SMTP peer for the tests: stores each message in a Maildir, like a mailbox would.

Recipients at reject.invalid are refused permanently (550); at tempfail.invalid the first
attempt for each address is refused for now (451) and the next one accepted.
"""
from aiosmtpd.handlers import Mailbox


class TestMailbox(Mailbox):
    def __init__(self, mail_dir):
        super().__init__(mail_dir)
        self.deferred = set()

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        domain = address.rsplit("@", 1)[-1].lower()
        if domain == "reject.invalid":
            return "550 5.1.1 No such user here"
        if domain == "tempfail.invalid" and address not in self.deferred:
            self.deferred.add(address)
            return "451 4.3.0 Try again later"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    @classmethod
    def from_cli(cls, parser, *args):
        if len(args) != 1:
            parser.error("The mail directory is required")
        return cls(args[0])
