DROP INDEX "qbo_transaction_links_to_idx";--> statement-breakpoint
DROP INDEX "qbo_transactions_open_idx";