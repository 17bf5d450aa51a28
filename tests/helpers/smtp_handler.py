"""A real SMTP peer for the tests: stores each message in a Maildir, like a mailbox would.

Recipients at reject.invalid are refused permanently (550); at tempfail.invalid the first
attempt for each address is refused for now (451) and the next one accepted. Messages to
slow.invalid are stored at once but answered only after SLOW_SECONDS, like a server that has
accepted a message whose "250 OK" is still on its way: the window a crashed sender cannot see.
"""
import asyncio

from aiosmtpd.handlers import Mailbox

SLOW_SECONDS = 1.5


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

    async def handle_DATA(self, server, session, envelope):
        reply = await super().handle_DATA(server, session, envelope)
        if any(a.lower().endswith("@slow.invalid") for a in envelope.rcpt_tos):
            await asyncio.sleep(SLOW_SECONDS)
        return reply

    @classmethod
    def from_cli(cls, parser, *args):
        if len(args) != 1:
            parser.error("The mail directory is required")
        return cls(args[0])
